"""Retrieve: dense + lexical fusion over an index (fusion) and the LangChain retriever on top of it."""
