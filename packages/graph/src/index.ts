/**
 * @kontakt/graph — the contact behind the contact: a compressed adjacency
 * index and its algorithms (mutual contacts, suggestions, connection paths,
 * reach), with the network's privacy rules applied.
 *
 * @packageDocumentation
 */
export * from "./GraphIndex.js"
export * from "./HyperLogLog.js"
export * from "./IdMap.js"
export * from "./Mutual.js"
export * from "./Path.js"
export * from "./Reach.js"
export * from "./Scratch.js"
export * from "./Suggestions.js"
export * from "./Visibility.js"
