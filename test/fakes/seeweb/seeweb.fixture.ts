/**
 * The data behind the Seeweb fake: one account's servers, templates and snapshots, month by
 * month. Months are offsets from the API's current month (0 = this month, -1 = last month…),
 * so the fake answers sensibly whatever its clock says. Shapes follow docs.seeweb.it
 * ("Consumi"/Billing) and the official Go client; the numbers are made up but keep the
 * documented rule cost = online_price + offline_price + Σ reserved_price.
 */

/** The fake's valid API token (made up; 40 hex characters like a real one, INFERRED). */
export const SEEWEB_FAKE_TOKEN = '5f0c2a9e7b3d41c8a6e2f9b07d1c3e5a8b2f4d6c';

export const SEEWEB_FAKE_USERNAME = 'acme-srl';

/** A day of a month given as an offset from the current month. */
export interface MonthDay {
  readonly offset: number;
  readonly day: number;
}

export interface ReservedLine {
  readonly plan: number;
  readonly hours: number;
  readonly discountPercent: number;
  readonly price: number;
  readonly reduction: number;
}

export interface ServerMonth {
  readonly name: string;
  readonly notes: string;
  readonly plan: string;
  readonly status: string;
  readonly created: MonthDay;
  readonly deleted?: MonthDay;
  readonly online: { readonly hours: number; readonly price: number };
  readonly offline: {
    readonly hours: number;
    readonly discountPercent: number;
    readonly price: number;
    readonly reduction: number;
  };
  readonly reserved: readonly ReservedLine[];
  /** Before discounts. */
  readonly originalCost: number;
}

export interface TemplateMonth {
  readonly name: string;
  readonly notes: string;
  readonly status: string;
  readonly created: MonthDay;
  /** A number, or an integer the way the Italian docs example shows it (`"cost": 2`). */
  readonly cost: number;
  /** Absent in the older docs example. */
  readonly hours?: number;
  readonly sizeOnDisk?: number;
}

export interface SnapshotRow {
  readonly id: number;
  readonly name: string;
  readonly status: 'OK' | 'DD';
  readonly description: string;
  readonly created: MonthDay;
  readonly deleted?: MonthDay;
  readonly sizeOnDisk: number;
  readonly hours: number;
  readonly finalCost: number;
}

const NO_OFFLINE = { hours: 0, discountPercent: 20, price: 0, reduction: 0 } as const;

const web = {
  name: 'ec200200',
  notes: 'web-frontend',
  plan: 'ECS1',
  status: 'Booted',
  created: { offset: -2, day: 23 },
} as const;

const db = {
  name: 'ec200311',
  notes: 'db-primary',
  plan: 'ECS4',
  status: 'Booted',
  created: { offset: -1, day: 2 },
} as const;

const staging = {
  name: 'ec200505',
  notes: 'staging',
  plan: 'ECS1',
  status: 'Deleted',
  created: { offset: -3, day: 10 },
  deleted: { offset: -1, day: 20 },
} as const;

/** Server billing rows per month offset; months not listed have none. */
export const SERVER_MONTHS: Readonly<Record<number, readonly ServerMonth[]>> = {
  0: [
    {
      // The docs' own example row: 2.64 = 0.02 + 0 + 2.62.
      ...web,
      online: { hours: 1, price: 0.02 },
      offline: NO_OFFLINE,
      reserved: [{ plan: 26, hours: 181, discountPercent: 15, price: 2.62, reduction: 0.46 }],
      originalCost: 3.09,
    },
    {
      ...db,
      online: { hours: 20, price: 0.68 },
      offline: { hours: 12, discountPercent: 20, price: 0.33, reduction: 0.08 },
      reserved: [
        { plan: 27, hours: 150, discountPercent: 15, price: 10.71, reduction: 1.89 },
        { plan: 28, hours: 30, discountPercent: 25, price: 1.91, reduction: 0.64 },
      ],
      originalCost: 16.24,
    },
    {
      name: 'ec200412',
      notes: 'ci-runner',
      plan: 'ECS2',
      status: 'Deleted',
      created: { offset: 0, day: 1 },
      deleted: { offset: 0, day: 5 },
      online: { hours: 96, price: 3.26 },
      offline: NO_OFFLINE,
      reserved: [],
      originalCost: 3.26,
    },
  ],
  [-1]: [
    {
      ...web,
      online: { hours: 0, price: 0 },
      offline: NO_OFFLINE,
      reserved: [{ plan: 26, hours: 744, discountPercent: 15, price: 10.42, reduction: 1.84 }],
      originalCost: 12.26,
    },
    {
      ...db,
      online: { hours: 120, price: 4.08 },
      offline: { hours: 48, discountPercent: 20, price: 1.31, reduction: 0.33 },
      reserved: [{ plan: 27, hours: 550, discountPercent: 15, price: 39.27, reduction: 6.93 }],
      originalCost: 51.92,
    },
    {
      ...staging,
      online: { hours: 456, price: 7.75 },
      offline: NO_OFFLINE,
      reserved: [],
      originalCost: 7.75,
    },
  ],
  [-2]: [
    {
      ...web,
      online: { hours: 200, price: 3.4 },
      offline: NO_OFFLINE,
      reserved: [],
      originalCost: 3.4,
    },
    {
      ...staging,
      status: 'Booted',
      online: { hours: 500, price: 8.5 },
      offline: { hours: 244, discountPercent: 20, price: 3.32, reduction: 0.83 },
      reserved: [],
      originalCost: 12.65,
    },
  ],
  [-3]: [
    {
      ...staging,
      status: 'Booted',
      online: { hours: 520, price: 8.84 },
      offline: NO_OFFLINE,
      reserved: [],
      originalCost: 8.84,
    },
  ],
};

const myDemo = {
  name: 'ei200112',
  notes: 'MyDemo',
  status: 'Created',
  created: { offset: -1, day: 5 },
} as const;
const golden = { name: 'ei100026', notes: '', status: 'Created', created: { offset: -2, day: 16 } };

export const TEMPLATE_MONTHS: Readonly<Record<number, readonly TemplateMonth[]>> = {
  0: [
    { ...myDemo, cost: 0.18, hours: 55, sizeOnDisk: 1510080 },
    { ...golden, cost: 2 },
  ],
  [-1]: [
    { ...myDemo, cost: 0.74, hours: 620, sizeOnDisk: 1510080 },
    { ...golden, cost: 2 },
  ],
  [-2]: [{ ...golden, cost: 1.13 }],
};

export const SNAPSHOT_MONTHS: Readonly<Record<number, readonly SnapshotRow[]>> = {
  0: [
    {
      id: 58,
      name: 'ec200311-SNP-6',
      status: 'DD',
      description: 'periodic snapshot - weekly',
      created: { offset: -1, day: 28 },
      deleted: { offset: 0, day: 3 },
      sizeOnDisk: 1571400,
      hours: 65,
      finalCost: 0.1,
    },
    {
      id: 61,
      name: 'ec200311-SNP-7',
      status: 'OK',
      description: 'periodic snapshot - weekly',
      created: { offset: 0, day: 4 },
      sizeOnDisk: 1602200,
      hours: 120,
      finalCost: 0.25,
    },
    {
      id: 62,
      name: 'ec200200-SNP-1',
      status: 'OK',
      description: 'before upgrade',
      created: { offset: 0, day: 6 },
      sizeOnDisk: 402100,
      hours: 90,
      finalCost: 0.05,
    },
  ],
  [-1]: [
    {
      id: 55,
      name: 'ec200311-SNP-5',
      status: 'DD',
      description: 'periodic snapshot - weekly',
      created: { offset: -1, day: 14 },
      deleted: { offset: -1, day: 28 },
      sizeOnDisk: 1490300,
      hours: 336,
      finalCost: 0.5,
    },
    {
      id: 58,
      name: 'ec200311-SNP-6',
      status: 'DD',
      description: 'periodic snapshot - weekly',
      created: { offset: -1, day: 28 },
      deleted: { offset: 0, day: 3 },
      sizeOnDisk: 1571400,
      hours: 96,
      finalCost: 0.15,
    },
  ],
};

/** `GET /ecs/v2/servers`: what exists now. `plan_size` drifts between strings and numbers. */
export const LIVE_SERVERS = [
  {
    name: web.name,
    notes: web.notes,
    plan: web.plan,
    plan_size: { core: '1', ram: '1024', disk: '20' },
    location: 'it-fr2',
    location_label: 'Frosinone',
    status: 'Booted',
  },
  {
    name: db.name,
    notes: db.notes,
    plan: db.plan,
    plan_size: { core: 12, ram: 24576, disk: 400, gpu: 0, gpu_label: null, host_type: 'ECS' },
    location: 'it-mi2',
    location_label: 'Milano',
    status: 'Booted',
  },
] as const;
