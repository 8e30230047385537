import { randomUUID } from 'node:crypto';
import { prepared, type Db } from '../store/database.ts';
import { getResource, newEtag, putResource } from '../store/resources.ts';

export type OperationKind = 'create' | 'update' | 'delete';
export type OperationStatus = 'Running' | 'Succeeded' | 'Failed' | 'Canceled';

interface OperationRow {
  id: string;
  subscription_id: string;
  location: string;
  resource_id: string;
  kind: OperationKind;
  status: OperationStatus;
  start_time: string;
  end_time: string | null;
  due: number;
  error: string | null;
}

export interface Operation {
  id: string;
  subscriptionId: string;
  location: string;
  resourceId: string;
  kind: OperationKind;
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  due: number;
  error?: { code: string; message: string };
}

const fromRow = (r: OperationRow): Operation => ({
  id: r.id, subscriptionId: r.subscription_id, location: r.location, resourceId: r.resource_id, kind: r.kind, status: r.status,
  startTime: r.start_time, ...(r.end_time ? { endTime: r.end_time } : {}), due: r.due,
  ...(r.error ? { error: JSON.parse(r.error) as { code: string; message: string } } : {}),
});

const FINAL_STATE: Record<OperationKind, string> = { create: 'Succeeded', update: 'Succeeded', delete: 'Deleted' };

/**
 * Long-running operations of Resource Manager. An operation completes when its due time has passed;
 * completion is applied lazily (before each ARM request), in one transaction with the resource.
 */
export class Operations {
  constructor(
    private readonly db: Db,
    /** Called in the transaction that removes a deleted resource. */
    private readonly onDeleted: (resourceId: string) => void = () => undefined,
  ) {}

  start(o: { subscriptionId: string; location: string; resourceId: string; kind: OperationKind; delayMs: number; failure?: { code: string; message: string } }): Operation {
    const op: Operation = {
      id: randomUUID(), subscriptionId: o.subscriptionId, location: o.location, resourceId: o.resourceId, kind: o.kind, status: 'Running',
      startTime: new Date().toISOString(), due: Date.now() + o.delayMs, ...(o.failure ? { error: o.failure } : {}),
    };
    prepared(this.db, 
        `insert into operations (id, subscription_id, location, resource_id, kind, status, start_time, end_time, due, error)
         values (?, ?, ?, ?, ?, 'Running', ?, null, ?, ?)`,
      )
      .run(op.id, op.subscriptionId, op.location, op.resourceId, op.kind, op.startTime, op.due, o.failure ? JSON.stringify(o.failure) : null);
    return op;
  }

  get(id: string): Operation | undefined {
    const row = prepared(this.db, 'select * from operations where id = ?').get(id) as OperationRow | undefined;
    return row && fromRow(row);
  }

  running(resourceId: string): Operation | undefined {
    const row = prepared(this.db, "select * from operations where resource_id = ? and status = 'Running' limit 1").get(resourceId) as OperationRow | undefined;
    return row && fromRow(row);
  }

  /** Completes every operation whose time has come. */
  completeDue(now = Date.now()): void {
    const due = prepared(this.db, "select * from operations where status = 'Running' and due <= ?").all(now) as OperationRow[];
    for (const row of due) this.db.transaction(() => this.complete(fromRow(row)))();
  }

  private complete(op: Operation): void {
    const end = new Date().toISOString();
    const stored = getResource<Record<string, unknown> & { properties?: Record<string, unknown> }>(this.db, op.resourceId);
    if (op.error) {
      if (stored) {
        putResource(this.db, { ...stored, body: { ...stored.body, properties: { ...stored.body.properties, provisioningState: 'Failed' } }, etag: newEtag() });
      }
      prepared(this.db, "update operations set status = 'Failed', end_time = ? where id = ?").run(end, op.id);
      return;
    }
    if (stored && FINAL_STATE[op.kind] === 'Deleted') {
      prepared(this.db, 'delete from resources where id = ?').run(op.resourceId);
      this.onDeleted(op.resourceId);
    } else if (stored) {
      putResource(this.db, { ...stored, body: { ...stored.body, properties: { ...stored.body.properties, provisioningState: 'Succeeded' } }, etag: newEtag() });
    }
    prepared(this.db, "update operations set status = 'Succeeded', end_time = ? where id = ?").run(end, op.id);
  }
}
