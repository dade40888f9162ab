import { writeFileSync } from 'node:fs';

/**
 * Writes a tiny GGUF v3 model: llama architecture, random F32 weights, a SentencePiece vocabulary
 * with the 256 byte tokens (so any Korean text tokenises by byte fallback) and a simple chat
 * template. Real enough for llama.cpp to load, generate and embed; far too small to say anything
 * sensible. Tests generate it instead of committing a binary.
 */
export interface TinyGgufOptions {
  seed?: number;
  embedding?: number;
  layers?: number;
  heads?: number;
  feedForward?: number;
  contextLength?: number;
}

enum T {
  U32 = 4,
  I32 = 5,
  F32 = 6,
  STRING = 8,
  ARRAY = 9,
}

const CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '</s>\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

class Writer {
  private chunks: Buffer[] = [];
  size = 0;
  private push(b: Buffer) {
    this.chunks.push(b);
    this.size += b.length;
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  bytes(b: Buffer) {
    this.push(b);
  }
  pad(alignment: number) {
    const n = (alignment - (this.size % alignment)) % alignment;
    if (n) this.push(Buffer.alloc(n));
  }
  toBuffer() {
    return Buffer.concat(this.chunks);
  }
}

function vocabulary(): { tokens: string[]; types: number[]; scores: number[] } {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [2, 3, 3];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  for (const t of ['▁', '▁the', '▁a', 'e', 't', 'o', '▁안녕', '하세요', '▁고객', '님', '▁네']) {
    tokens.push(t);
    types.push(1);
  }
  return { tokens, types, scores: tokens.map((_, i) => (i < 259 ? 0 : -i)) };
}

const str = (v: string) => (w: Writer) => {
  w.u32(T.STRING);
  w.str(v);
};
const u32 = (v: number) => (w: Writer) => {
  w.u32(T.U32);
  w.u32(v);
};
const f32 = (v: number) => (w: Writer) => {
  w.u32(T.F32);
  w.f32(v);
};

const array =
  <V>(type: T, values: readonly V[], write: (w: Writer, v: V) => void) =>
  (w: Writer) => {
    w.u32(T.ARRAY);
    w.u32(type);
    w.u64(values.length);
    for (const v of values) write(w, v);
  };

export function tinyGguf(options: TinyGgufOptions = {}): Buffer {
  const nEmbd = options.embedding ?? 32;
  const nLayer = options.layers ?? 2;
  const nHead = options.heads ?? 4;
  const nFf = options.feedForward ?? 64;
  let seed = (options.seed ?? 1) >>> 0;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  const vocab = vocabulary();
  const nVocab = vocab.tokens.length;

  const tensors: { name: string; dims: number[]; norm?: boolean }[] = [
    { name: 'token_embd.weight', dims: [nEmbd, nVocab] },
    { name: 'output_norm.weight', dims: [nEmbd], norm: true },
    { name: 'output.weight', dims: [nEmbd, nVocab] },
  ];
  for (let i = 0; i < nLayer; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, dims: [nEmbd], norm: true },
      { name: `blk.${i}.attn_q.weight`, dims: [nEmbd, nEmbd] },
      { name: `blk.${i}.attn_k.weight`, dims: [nEmbd, nEmbd] },
      { name: `blk.${i}.attn_v.weight`, dims: [nEmbd, nEmbd] },
      { name: `blk.${i}.attn_output.weight`, dims: [nEmbd, nEmbd] },
      { name: `blk.${i}.ffn_norm.weight`, dims: [nEmbd], norm: true },
      { name: `blk.${i}.ffn_gate.weight`, dims: [nEmbd, nFf] },
      { name: `blk.${i}.ffn_up.weight`, dims: [nEmbd, nFf] },
      { name: `blk.${i}.ffn_down.weight`, dims: [nFf, nEmbd] },
    );
  }

  const meta: [string, (w: Writer) => void][] = [
    ['general.architecture', str('llama')],
    ['general.name', str('jugwon-tiny-test')],
    ['general.file_type', u32(0)],
    ['llama.context_length', u32(options.contextLength ?? 4096)],
    ['llama.embedding_length', u32(nEmbd)],
    ['llama.block_count', u32(nLayer)],
    ['llama.feed_forward_length', u32(nFf)],
    ['llama.attention.head_count', u32(nHead)],
    ['llama.attention.head_count_kv', u32(nHead)],
    ['llama.rope.dimension_count', u32(nEmbd / nHead)],
    ['llama.attention.layer_norm_rms_epsilon', f32(1e-5)],
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', array(T.STRING, vocab.tokens, (w, t) => w.str(t))],
    ['tokenizer.ggml.scores', array(T.F32, vocab.scores, (w, v) => w.f32(v))],
    ['tokenizer.ggml.token_type', array(T.I32, vocab.types, (w, v) => w.i32(v))],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.chat_template', str(CHAT_TEMPLATE)],
  ];

  const w = new Writer();
  w.bytes(Buffer.from('GGUF', 'ascii'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(meta.length);
  for (const [key, value] of meta) {
    w.str(key);
    value(w);
  }
  const ALIGN = 32;
  let offset = 0;
  const data: Buffer[] = [];
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(0); // F32
    w.u64(offset);
    const count = t.dims.reduce((a, b) => a * b, 1);
    const buf = Buffer.alloc(count * 4);
    for (let i = 0; i < count; i++) buf.writeFloatLE(t.norm ? 1 : random() * 0.2, i * 4);
    const padded = Buffer.alloc(Math.ceil(buf.length / ALIGN) * ALIGN);
    buf.copy(padded);
    data.push(padded);
    offset += padded.length;
  }
  w.pad(ALIGN);
  for (const d of data) w.bytes(d);
  return w.toBuffer();
}

export function writeTinyGguf(path: string, options?: TinyGgufOptions): string {
  writeFileSync(path, tinyGguf(options));
  return path;
}
