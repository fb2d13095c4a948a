// The vocabulary of harvesting: what a harvester reads from another portal (RemoteDataset, one per
// remote dataset, with a stable remote id) and the definition a harvester registers. Plain types only.
import type { OutboundResponse } from '../outbound/index.ts';

/** One downloadable file of a remote dataset. `format` is lower-case and normalised where known
 *  (csv, json, geojson, xlsx, parquet, shapefile, kml, gpx); otherwise the remote's own word or null. */
export interface RemoteDistribution {
  url: string;
  format: string | null;
  mediaType: string | null;
  title: string | null;
}

/** A remote dataset as a harvester read it, in the portal-neutral terms of DCAT. */
export interface RemoteDataset {
  /** Stable within the source (the remote's own id, not its title): re-runs update, never duplicate. */
  remoteId: string;
  /** The dataset's page on the remote portal (shown as provenance), when it has one. */
  remoteUrl: string | null;
  title: string;
  /** HTML or plain text; sanitised by the portal before it is stored. */
  description: string | null;
  keywords: string[];
  themes: string[];
  license: string | null;
  licenseUrl: string | null;
  publisher: string | null;
  /** ISO 8601 date or date-time when the source gives one. */
  modified: string | null;
  issued: string | null;
  language: string | null;
  contactName: string | null;
  contactEmail: string | null;
  accrualPeriodicity: string | null;
  distributions: RemoteDistribution[];
}

/** What a harvester is handed: its source's settings and the one way to request the remote. */
export interface HarvestContext {
  /** The source's base URL as the publisher entered it. */
  url: string;
  /** The harvester's own checked options (e.g. CKAN organization, Socrata domain filter). */
  options: Record<string, string>;
  /** Requests through outbound/ (every hop checked); `accept` sets the Accept header. */
  get(url: string, opts?: { accept?: string; headers?: Record<string, string> }): Promise<OutboundResponse>;
  /** Aborted when the run times out or is cancelled: stop paging. */
  signal: AbortSignal;
}

export interface HarvesterOption { name: string; label: string; required?: boolean; help?: string }

export interface HarvesterDef {
  /** Stable type name used in the API and stored sources: ckan, ods, socrata, dcat, datajson. */
  type: string;
  label: string;
  options: HarvesterOption[];
  /** How the portal takes an API key (ODS's api_key setting), as request headers; absent: the type takes none. */
  apiKeyHeaders?: (key: string) => Record<string, string>;
  /** Every dataset the source offers (paging inside); throws an AgoraError naming the source's answer when it cannot. */
  list(ctx: HarvestContext): AsyncIterable<RemoteDataset>;
}
