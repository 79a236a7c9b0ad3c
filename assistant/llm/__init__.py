"""The model gateway (the only litellm importer), router config and the one prompt fence."""
