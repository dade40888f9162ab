/** The commented configuration `jugwon init` writes. Every key here is one the schema accepts. */
export const STARTER_CONFIG = `# jugwon configuration. Relative paths are relative to this file's folder.
# \${NAME} is replaced by the environment variable NAME (keep secrets out of this file).

server:
  host: 127.0.0.1        # listen on localhost only; set 0.0.0.0 to serve the network
  port: 8787
  bodyLimitBytes: 8388608

dataDir: ./data
# timeZone: Asia/Seoul   # days and months of budgets, usage, exports and reviews (default UTC)

# Each model has a residency: onprem (this organisation's hardware), domestic (a Korean
# provider), foreign. The policy decides which personal data may reach which residency.
models:
  - id: local
    provider: llamacpp          # embedded llama.cpp, runs in this process
    path: ./data/models/default.gguf
    residency: onprem
    parallel: 2                 # requests served at once
  # - id: vllm-exaone
  #   provider: openai-compatible
  #   baseUrl: http://gpu-node-1:8000/v1
  #   upstreamModel: LGAI-EXAONE/EXAONE-3.5-7.8B-Instruct
  #   residency: onprem
  #   fallbacks: [local]
  # - id: cloud-kr
  #   provider: openai-compatible
  #   baseUrl: https://api.example.kr/v1
  #   apiKey: \${CLOUD_KR_API_KEY}
  #   residency: domestic

policy:
  preset: pipa-strict   # pipa-strict | finance-sandbox | open (see docs/gateway.md)
  reroute: false        # true: serve a blocked request with an allowed model instead of refusing

privacy:
  threshold: 0.5
  mode: tag             # tag (〔KR_RRN_1〕) or surrogate (format-valid fake values)
`;
