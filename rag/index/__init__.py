"""Index: embed units (embed, the built-in model builder), the lexical index, the store, and builds."""
