import type { ServiceName } from './types.ts';

/**
 * What each service needs running first. Providers differ: the local schema registry
 * (Apicurio) keeps its schemas in Postgres, Confluent's in a Kafka topic.
 */
export type DependencyMap = Readonly<Record<ServiceName, readonly ServiceName[]>>;

/** The services asked for plus what they depend on, each after its dependencies, each once. */
export function inDependencyOrder(services: readonly ServiceName[], dependsOn: DependencyMap): ServiceName[] {
  const ordered: ServiceName[] = [];
  const visit = (name: ServiceName) => {
    if (ordered.includes(name)) return;
    for (const dependency of dependsOn[name]) visit(dependency);
    ordered.push(name);
  };
  for (const name of services) visit(name);
  return ordered;
}
