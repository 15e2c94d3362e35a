import type { AccountInput } from '../../../src-shared/domain/account.ts';
import { FakeServer, type FakeReply, type FakeRequest } from '../fake-server.ts';
import type { ProviderFake, ProviderFakeOptions } from '../provider-fake.ts';
import {
  DAY_S,
  FAKE_KEYS,
  FAKE_PROJECT_ID,
  REGION_ROWS,
  billedGb,
  billingState,
  eipsAt,
  platformDayStart,
  type FixtureEip,
} from './surfercloud.fixture.ts';
import { expectedSignature, readParams, type Params } from './surfercloud.verify.ts';

/**
 * A SurferCloud (UCloud) API on 127.0.0.1, from the public docs: every answer is HTTP 200
 * with `RetCode` (0 = success) and `Action: "<Action>Response"`; a wrong signature gives
 * RetCode 171, an unknown public key 172, parameter errors 220/230, an unknown EIP 5xxx
 * (codes other than 171 and the success shapes are INFERRED, see providers.md §4.5).
 * GetThroughputDailyBillingInfo refuses ranges over 365 days, starts before the EIP's
 * creation time and (stricter than documented) ends in the future.
 */
export const MAX_RANGE_S = 365 * DAY_S;
export const PAGE_LIMIT = 20;
/** RetCode of an unknown resource (INFERRED: UCloud's 5xxx "not found" family). */
export const RESOURCE_NOT_FOUND = 5002;
/** The restricted key's answer for UNet actions (INFERRED code and message). */
export const PERMISSION_DENIED = 174;

export interface SurfercloudFake extends ProviderFake {
  /** Other key pairs the fake knows: `restricted` may not call UNet actions. */
  readonly keys: typeof FAKE_KEYS;
  /** Parameters of every request the fake accepted (signature valid), in arrival order. */
  readonly calls: { action: string; params: Params }[];
  /** Hold each answer this long inside the handler, so in-flight requests can be counted. */
  holdMs: number;
  /** The most requests the handler had in flight at once. */
  readonly maxInFlight: number;
  /** From `atS` on, DescribeEIP no longer lists the EIP (it was released). */
  release(id: string, atS: number): void;
  /** From `atS` on (a midnight UTC+8), the EIP is billed by `payMode`: its days then record 0. */
  switchPayMode(id: string, payMode: FixtureEip['payMode'], atS: number): void;
  /**
   * Whether GetThroughputDailyBillingInfo still answers for a released EIP (not documented;
   * default true, for its days before the release), or refuses it as unknown.
   */
  answersForReleased: boolean;
}

/** What happened to EIPs during the test: releases and pay-mode switches. */
interface Changes {
  readonly releasedAt: Map<string, number>;
  readonly switched: Map<string, { payMode: FixtureEip['payMode']; atS: number }>;
  answersForReleased: boolean;
}

/** The EIP as billed on the day starting `dayS`, or as listed at `dayS`. */
function asOf(eip: FixtureEip, dayS: number, changes: Changes): FixtureEip {
  const switched = changes.switched.get(eip.id);
  return switched && dayS >= switched.atS ? { ...eip, payMode: switched.payMode } : eip;
}

const isReleased = (eip: FixtureEip, now: number, changes: Changes) =>
  (changes.releasedAt.get(eip.id) ?? Number.POSITIVE_INFINITY) <= now;

type Answer = Record<string, unknown>;

const fail = (action: string, code: number, message: string): Answer => ({
  RetCode: code,
  Action: `${action}Response`,
  Message: message,
});

const missing = (action: string, name: string) => fail(action, 220, `Missing params [${name}]`);
const invalid = (action: string, name: string, why = '') =>
  fail(action, 230, `Params [${name}] not available${why ? `: ${why}` : ''}`);

function wholeNumber(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

function eipRow(eip: FixtureEip) {
  return {
    EIPId: eip.id,
    Weight: 50,
    BandwidthType: eip.payMode === 'ShareBandwidth' ? 1 : 0,
    Bandwidth: eip.bandwidthMbps,
    Status: 'used',
    ChargeType: 'Dynamic',
    CreateTime: eip.createTime,
    ExpireTime: 0,
    Resource: {
      ResourceType: 'uhost',
      ResourceName: `host-${eip.id.slice(4)}`,
      ResourceId: `uhost-${eip.id.slice(4)}`,
      Zone: `${eip.region}-01`,
    },
    EIPAddr: [{ OperatorName: 'International', IP: eip.ip }],
    Name: eip.name,
    Tag: 'Default',
    Remark: '',
    Expire: false,
    PayMode: eip.payMode,
  };
}

function describeEip(params: Params, now: number, changes: Changes): Answer {
  const action = 'DescribeEIP';
  const region = params.get('Region');
  if (region === undefined) return missing(action, 'Region');
  if (!REGION_ROWS.some((row) => row.Region === region)) return invalid(action, 'Region');
  const offset = params.has('Offset') ? wholeNumber(params.get('Offset')) : 0;
  if (offset === null) return invalid(action, 'Offset');
  const limit = params.has('Limit') ? wholeNumber(params.get('Limit')) : PAGE_LIMIT;
  if (limit === null || limit === 0) return invalid(action, 'Limit');
  const wanted = [...params].filter(([key]) => key.startsWith('EIPIds.')).map(([, id]) => id);
  const all = eipsAt(region, now)
    .filter((eip) => !isReleased(eip, now, changes))
    .filter((eip) => wanted.length === 0 || wanted.includes(eip.id))
    .map((eip) => asOf(eip, now, changes));
  const page = all.slice(offset, offset + Math.min(limit, PAGE_LIMIT));
  return {
    RetCode: 0,
    Action: `${action}Response`,
    TotalCount: all.length,
    UnbindCount: 0,
    TotalBandwidth: all.reduce((sum, eip) => sum + eip.bandwidthMbps, 0),
    EIPSet: page.map(eipRow),
  };
}

function throughput(params: Params, now: number, changes: Changes): Answer {
  const action = 'GetThroughputDailyBillingInfo';
  for (const name of ['Region', 'EIPId', 'StartTime', 'EndTime'])
    if (!params.has(name)) return missing(action, name);
  const region = params.get('Region')!;
  if (!REGION_ROWS.some((row) => row.Region === region)) return invalid(action, 'Region');
  const id = params.get('EIPId')!;
  const eip = eipsAt(region, now).find((e) => e.id === id);
  const refused = eip && isReleased(eip, now, changes) && !changes.answersForReleased;
  if (!eip || refused) return fail(action, RESOURCE_NOT_FOUND, `EIP [${id}] not found`);
  const until = Math.min(now, changes.releasedAt.get(id) ?? now);
  const start = wholeNumber(params.get('StartTime'));
  const end = wholeNumber(params.get('EndTime'));
  if (start === null) return invalid(action, 'StartTime');
  if (end === null || end <= start) return invalid(action, 'EndTime');
  if (end - start > MAX_RANGE_S)
    return invalid(action, 'StartTime/EndTime', 'the range exceeds 365 days');
  if (start < eip.createTime)
    return invalid(action, 'StartTime', 'earlier than the resource creation time');
  if (end > now + 60) return invalid(action, 'EndTime', 'in the future');
  const stats = [];
  for (let day = platformDayStart(start); day < Math.min(end, until); day += DAY_S) {
    const gb = billedGb(asOf(eip, day, changes), day, until);
    if (gb === null) continue;
    stats.push({
      StartTime: day,
      EndTime: day + DAY_S,
      QuantityOut: gb,
      BillingState: billingState(day, now),
    });
  }
  const total = stats.reduce((sum, s) => sum + s.QuantityOut, 0);
  return {
    RetCode: 0,
    Action: `${action}Response`,
    EIPId: eip.id,
    TotalOut: total,
    TotalOutSize: `${total}GB`,
    Stats: stats,
  };
}

const UNET_ACTIONS = new Set(['DescribeEIP', 'GetThroughputDailyBillingInfo']);

function answer(
  request: FakeRequest,
  now: number,
  calls: SurfercloudFake['calls'],
  changes: Changes,
): Answer {
  const params = readParams(request);
  if (params === null) return fail('', 230, 'Params not available: unreadable body');
  const action = params.get('Action');
  if (!action) return fail('', 160, 'Missing Action');
  const publicKey = params.get('PublicKey');
  const keyPair = Object.values(FAKE_KEYS).find((k) => k.publicKey === publicKey);
  if (!keyPair) return fail(action, 172, 'User Not Exists');
  const signature = params.get('Signature');
  if (!signature) return fail(action, 170, 'Missing signature');
  if (signature !== expectedSignature(params, keyPair.privateKey))
    return fail(action, 171, 'Signature VerifyAC Error');
  const project = params.get('ProjectId');
  if (project !== undefined && project !== FAKE_PROJECT_ID) return invalid(action, 'ProjectId');
  if (keyPair === FAKE_KEYS.restricted && UNET_ACTIONS.has(action))
    return fail(action, PERMISSION_DENIED, `Permission denied: no access to ${action}`);
  calls.push({ action, params });
  switch (action) {
    case 'GetRegion':
      return { RetCode: 0, Action: 'GetRegionResponse', Regions: REGION_ROWS };
    case 'DescribeEIP':
      return describeEip(params, now, changes);
    case 'GetThroughputDailyBillingInfo':
      return throughput(params, now, changes);
    default:
      return fail(action, 161, `Action [${action}] not found`);
  }
}

export async function startSurfercloudFake(options: ProviderFakeOptions): Promise<SurfercloudFake> {
  const calls: SurfercloudFake['calls'] = [];
  let inFlight = 0;
  const state = { holdMs: 0, maxInFlight: 0 };
  const changes: Changes = { releasedAt: new Map(), switched: new Map(), answersForReleased: true };
  const server = await FakeServer.start(
    async (request): Promise<FakeReply> => {
      inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      try {
        if (state.holdMs > 0) await new Promise((r) => setTimeout(r, state.holdMs));
        return { json: answer(request, Math.floor(options.now() / 1000), calls, changes) };
      } finally {
        inFlight -= 1;
      }
    },
    { latencyMs: options.latencyMs },
  );
  const credentials = { ...FAKE_KEYS.main };
  return {
    provider: 'surfercloud',
    server,
    credentials,
    secretFields: ['privateKey'],
    keys: FAKE_KEYS,
    calls,
    get holdMs() {
      return state.holdMs;
    },
    set holdMs(ms: number) {
      state.holdMs = ms;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    release(id, atS) {
      changes.releasedAt.set(id, atS);
    },
    switchPayMode(id, payMode, atS) {
      changes.switched.set(id, { payMode, atS });
    },
    get answersForReleased() {
      return changes.answersForReleased;
    },
    set answersForReleased(answers: boolean) {
      changes.answersForReleased = answers;
    },
    account(id = 'surfercloud'): AccountInput {
      return {
        id,
        provider: 'surfercloud',
        label: 'SurferCloud (fake)',
        baseUrl: server.baseUrl,
        options: {
          publicKey: credentials.publicKey,
          regions: ['us-ca', 'hk', 'sg'],
          projectId: FAKE_PROJECT_ID,
        },
      };
    },
    close: () => server.close(),
  };
}
