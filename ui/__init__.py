"""The web app over :mod:`rag`: ``ui.app.build_app(settings)`` and ``ui.app.launch(settings)``."""
