"""Record the OpenAI-format cassettes from a real OpenAI-compatible server (not run by pytest).

    pip install llm-katan            # only for recording; not a project dependency
    llm-katan --model test-model --backend echo --providers openai --host 127.0.0.1 --port 18431 &
    python tests/data/cassettes/record.py http://127.0.0.1:18431/v1

The real ``ChatOpenAI`` client sends one plain and one streamed request through a transport
that saves each exchange byte for byte (request method, path and JSON body; response status,
content type and body) as ``openai_<name>.json``. llm-katan's echo backend answers with a
header line and the last user message, so the message sent is the reply we want recorded.
The Ollama cassettes are written by hand from Ollama's documented ``/api/chat`` format.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
from langchain_core.messages import HumanMessage
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

HERE = Path(__file__).parent
REPLY = "全面取消城区常住人口300万以下的城市落户限制[1]。"


class Recorder(httpx.BaseTransport):
    def __init__(self, name: str) -> None:
        self.name = name
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        body = response.read()
        exchange = {
            "request": {"method": request.method, "path": request.url.path, "body": json.loads(request.content)},
            "response": {
                "status": response.status_code,
                "content_type": response.headers.get("content-type", ""),
                "body": body.decode("utf-8"),
            },
        }
        (HERE / f"openai_{self.name}.json").write_text(json.dumps(exchange, ensure_ascii=False, indent=1) + "\n")
        return httpx.Response(response.status_code, headers=response.headers, content=body)


def main(base_url: str) -> None:
    for name, streaming in (("invoke", False), ("stream", True)):
        model = ChatOpenAI(
            model="test-model", base_url=base_url, api_key=SecretStr("not-needed"), temperature=0,
            http_client=httpx.Client(transport=Recorder(name)),
        )
        messages = [HumanMessage(REPLY)]
        if streaming:
            print("".join(str(c.content) for c in model.stream(messages)))
        else:
            print(model.invoke(messages).content)


if __name__ == "__main__":
    main(sys.argv[1])
