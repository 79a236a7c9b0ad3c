"""The playbook library: the chromadb store, embeddings, documents, passages and citations."""
