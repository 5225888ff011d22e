"""Code that runs inside the Rasa engine (Python 3.10 environment)."""
