"""What enablement edits in knowledge/: loading, schemas and safe edits."""
