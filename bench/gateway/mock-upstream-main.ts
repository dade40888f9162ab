import { startMockUpstream } from '../../test/support/mock-upstream.js';

/** Runs the mock upstream in its own process for the gateway benchmark; prints its URL. */
const latencyMs = Number(process.env.MOCK_LATENCY_MS ?? '0');
const upstream = await startMockUpstream({
  chunkSize: 16,
  ...(latencyMs > 0 ? { latencyMs } : {}),
  reply: () =>
    '네, 확인했습니다. 요청하신 내용을 정리해 드리겠습니다. 추가로 궁금하신 점이 있으면 말씀해 주세요.',
});
upstream.received.length = 0;
// Keep memory flat over long runs: the benchmark does not read what was received.
setInterval(() => {
  upstream.received.length = 0;
}, 1000).unref();
process.stdout.write(`${upstream.url}\n`);
