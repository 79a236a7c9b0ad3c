"""Sales qualification and playbook assistant: rubric, engines, retrieval and graphs."""

__version__ = "0.1.0"
