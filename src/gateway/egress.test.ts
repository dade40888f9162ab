import { describe, expect, it } from 'vitest';
import { distinctPhones, expectLinear } from '../../test/support/growth.js';
import type { ChatRequest } from '../models/chat-types.js';
import { detect, type Entity, restore } from '../privacy/index.js';
import { shapeChat, textSlots } from './egress.js';
import { pseudonymise, scan } from './screen.js';

const detectAll = (texts: string[]) => texts.map((t) => detect(t));

/**
 * A timer for expectLinear over `scan` alone: the texts of a request of size n (made and read
 * once per size — detection is timed elsewhere, in linear-time.test.ts), each reading checked.
 */
function scanTimer(
  textsOf: (n: number) => string[],
  check: (findings: Awaited<ReturnType<typeof scan>>, n: number) => void,
): (n: number) => Promise<number> {
  const requests = new Map<number, { slots: { get: () => string; set: () => void }[]; found: Entity[][] }>();
  return async (n) => {
    let r = requests.get(n);
    if (!r) {
      const texts = textsOf(n);
      const slots = texts.map((t) => ({ get: () => t, set: () => {} }));
      r = { slots, found: [...texts.map((t) => detect(t)), detect(texts.join(''))] };
      requests.set(n, r);
    }
    const { slots, found } = r;
    const t0 = performance.now();
    const findings = await scan(() => found, slots, slots.length);
    const ms = performance.now() - t0;
    check(findings, n);
    return ms;
  };
}

async function masked(req: Record<string, unknown>) {
  const body = structuredClone(shapeChat(req as unknown as ChatRequest).body);
  const { slots, content } = textSlots('chat', body);
  const findings = await scan(detectAll, slots, content);
  const vault = pseudonymise(slots, findings, 'tag');
  return { body: body as unknown as Record<string, unknown>, findings, vault };
}

describe('messages read together', () => {
  it('finds a value whose label or title is in another message, and counts it once', async () => {
    const { body, findings } = await masked({
      model: 'm',
      messages: [
        { role: 'assistant', content: '본인 확인을 위해 주민등록번호가 필요합니다.' },
        { role: 'user', content: '뒷자리는 1234568입니다' },
        { role: 'user', content: '연락처 010-1234-5678.' },
        { role: 'assistant', content: '고객님 성함은요? 성명:' },
        { role: 'user', content: '이 상민' },
      ],
    });
    const contents = (body.messages as { content: string }[]).map((m) => m.content);
    expect(contents[1]).not.toContain('1234568');
    expect(contents[2]).not.toContain('5678');
    expect(contents[4]).not.toContain('상민');
    // Each counted once, though both readings found the phone number.
    expect(findings.countsByCategory).toEqual({ unique_identifier: 1, personal: 2 });
    expect(findings.total).toBe(3);
  });
});

describe('messages read together, at scale', () => {
  // Each finding of the joined text that lies in one message was checked against every finding of
  // that message: one message with many identifiers took time growing with their square.
  it('matches the joined reading to one message of many findings in linear time', async () => {
    // Each number once, though both readings found it.
    const time = scanTimer(
      (n) => [distinctPhones(n).join(' '), '끝'],
      (findings, n) => expect(findings.total).toBe(n),
    );
    await expectLinear(time, 4_000, 32_000, 20);
  }, 120_000);
});

describe('what can carry text beyond string values', () => {
  it('reads keys that are not identifiers, and renames a key holding personal data in place', async () => {
    const req = {
      model: 'm',
      messages: [{ role: 'user', content: '안녕' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'x',
          schema: {
            type: 'object',
            properties: { first: {}, '담당 010-1234-5678': { type: 'string' }, last: {} },
          },
        },
      },
    };
    const { body, findings, vault } = await masked(req);
    expect(findings.total).toBe(1);
    const schema = (body.response_format as { json_schema: { schema: { properties: object } } }).json_schema
      .schema;
    const names = Object.keys(schema.properties);
    expect(names).toHaveLength(3);
    expect([names[0], names[2]]).toEqual(['first', 'last']); // order kept
    expect(names[1]).not.toContain('010-1234-5678');
    expect(restore(names[1] as string, vault)).toBe('담당 010-1234-5678');
    expect(JSON.stringify(body)).not.toContain('5678');
  });

  it('leaves identifier keys alone: protocol and schema names are never slots', () => {
    const body = shapeChat({
      model: 'm',
      messages: [{ role: 'user', content: '안녕' }],
      tools: [
        {
          type: 'function',
          function: { name: 'f', parameters: { type: 'object', properties: { customer_name: {} } } },
        },
      ],
      logit_bias: { '15496': 5 },
    } as unknown as ChatRequest).body;
    const texts = textSlots('chat', body).slots.map((s) => s.get());
    // The content, the tool's name, and the logit_bias key (not an identifier: read, and harmless).
    expect(texts).toEqual(['안녕', 'f', '15496']);
  });

  it('reads long whole numbers as digits, and removes one that is personal data', async () => {
    const { body, findings } = await masked({
      model: 'm',
      messages: [{ role: 'user', content: '안녕' }],
      seed: 9001011234568,
      x_extra: { ids: [7, 9001011234568, 1234567] },
      temperature: 0.7,
    });
    expect(findings.countsByCategory).toEqual({ unique_identifier: 2 });
    expect(body).not.toHaveProperty('seed');
    expect(body.x_extra).toEqual({ ids: [7, null, 1234567] });
    expect(body.temperature).toBe(0.7);
  });

  it('renames many keys of one object in linear time (one rebuild, not one per key)', async () => {
    const request = (n: number) => ({
      model: 'm',
      messages: [{ role: 'user', content: '안녕' }],
      x_extra: Object.fromEntries(distinctPhones(n).map((phone, i) => [phone, i])),
    });
    const time = async (n: number) => {
      const req = request(n);
      const t0 = performance.now();
      const { body } = await masked(req);
      const ms = performance.now() - t0;
      expect(JSON.stringify(body)).not.toMatch(/010-\d{4}-\d{4}/);
      return ms;
    };
    // A rebuild per key is quadratic: 256 times as long for sixteen times the keys.
    await expectLinear(time, 1000, 16_000, 64);
  }, 60_000);

  it('reads a request of many messages as one text in linear time', async () => {
    // And one number split across the last two messages, which only the joined reading finds.
    const time = scanTimer(
      (n) => [...distinctPhones(n), '번호 900101-', '1234568 입니다'],
      (findings) =>
        expect(findings.entities.at(-1)).toEqual([
          expect.objectContaining({ type: 'KR_RRN', text: '1234568' }),
        ]),
    );
    // Eight times the messages; matching each finding of the joined text against every message
    // would take 64 times as long. (10,000 at least: the smaller run took 1-3 ms, too little to
    // compare with when a busy machine stalls the larger one.)
    await expectLinear(time, 10_000, 80_000, 20);
  }, 60_000);
});
