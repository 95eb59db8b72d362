"""The officers' web console (an edge of the gateway)."""
