export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.write(`vigie ${argv.join(' ')}\n`);
  return 0;
}
