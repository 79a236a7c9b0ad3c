"""LangGraph graphs, one module per job."""
