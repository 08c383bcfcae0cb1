/**
 * Small generated PNG avatars for the demo network: a soft two-tone pattern
 * per member, encoded with zlib (no image library needed for squares).
 */
import { crc32, deflateSync } from "node:zlib"

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([length, body, crc])
}

/** A size×size PNG: a background colour with a lighter circle. */
export const avatarPng = (seed: number, size = 64): Uint8Array => {
  const hue = (seed * 47) % 360
  const rgb = (h: number, l: number) => {
    const a = 0.45 * Math.min(l, 1 - l)
    const f = (n: number) => {
      const k = (n + h / 30) % 12
      return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
    }
    return [f(0), f(8), f(4)] as const
  }
  const [br, bg, bb] = rgb(hue, 0.45)
  const [fr, fg, fb] = rgb(hue, 0.75)
  const rows: Buffer[] = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3)
    for (let x = 0; x < size; x++) {
      const inside =
        (x - size / 2) ** 2 + (y - size * 0.42) ** 2 < (size * 0.22) ** 2 ||
        (y > size * 0.7 && Math.abs(x - size / 2) < size * 0.32)
      row.set(inside ? [fr, fg, fb] : [br, bg, bb], 1 + x * 3)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ])
}
