// Public API of @ringside/protocols. Named exports only.

// --- ITCH 5.0 (src/itch) and NASDAQ file framing (src/framing)

// --- SoupBinTCP 4.x (src/soupbintcp)

export {};
