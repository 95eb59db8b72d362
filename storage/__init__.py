"""Ground floor: the application's database (SQLAlchemy tables, Alembic migrations, one DATABASE_URL)."""
