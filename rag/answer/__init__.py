"""Answer: answer records and protocols (base), the extractive and LLM answerers, the citation check."""
