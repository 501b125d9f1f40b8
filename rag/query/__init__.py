"""Query: what a question asks (question), the clause numbers it names (refs), colloquial rewriting."""
