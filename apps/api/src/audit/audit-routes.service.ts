import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUDITED, AuditedOptions } from './audited.decorator';

/** One route of the API as the audit log names it. */
export interface AuditRoute {
  action: string;
  /** Recorded even though it is not a command (`@Audited()` on a GET). */
  audited: boolean;
}

/** `/deliverables/:id/review`: one leading slash, none trailing or doubled. */
export function normaliseRoute(path: string): string {
  const p = `/${path}`.replace(/\/{2,}/g, '/').replace(/\/$/, '');
  return p === '' ? '/' : p;
}

/** `DeliverablesController` + `review` → `deliverables.review`; `IssuesCommandsController` → `issues-commands.…`. */
export function actionName(controller: string, handler: string): string {
  const base = controller
    .replace(/Controller$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  return `${base}.${handler}`;
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [(v as string) ?? '/']);

/**
 * The action of every route, by method and route pattern, read once from the controllers' metadata.
 * The audit hook names a request from it after the response, whatever answered it: a request refused
 * by a guard never reaches an interceptor, but Express has matched its route all the same.
 */
@Injectable()
export class AuditRoutes {
  private table?: Map<string, AuditRoute>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  find(method: string, routePath: string): AuditRoute | undefined {
    this.table ??= this.build();
    const path = normaliseRoute(routePath);
    return this.table.get(`${method.toUpperCase()} ${path}`) ?? this.table.get(`ALL ${path}`);
  }

  private build(): Map<string, AuditRoute> {
    const table = new Map<string, AuditRoute>();
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...a: never[]) => object) | null;
      if (!type) continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, type));
      const proto = type.prototype as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as (...a: unknown[]) => unknown;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || method === undefined) continue;
        const options = this.reflector.get<AuditedOptions | undefined>(AUDITED, handler);
        const route: AuditRoute = {
          action: options?.action ?? actionName(type.name, name),
          audited: options !== undefined,
        };
        for (const prefix of prefixes)
          for (const path of asList(paths))
            table.set(`${RequestMethod[method]} ${normaliseRoute(`${prefix}/${path}`)}`, route);
      }
    }
    return table;
  }
}
