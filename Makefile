# The two commands of the README. Everything else is in scripts/.
.PHONY: run test setup

run: setup
	.venv/bin/python scripts/run.py

test: setup
	scripts/test.sh

setup:
	scripts/setup.sh
