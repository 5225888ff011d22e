"""Custom actions (rasa-sdk), served by actions.server."""
