"""Ground floor: keeping citizens' numbers and the services' secrets out of logs and screens (pure Python)."""
