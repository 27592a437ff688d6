import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { Storage } from "./client.js";

/** What the bucket ended up with; a local server may lack some features. */
export interface BucketSetup {
  created: boolean;
  versioning: "enabled" | "unsupported";
  /** `unsupported` means temp/ is swept by the cleanup job instead of a lifecycle rule. */
  tempLifecycle: "enabled" | "unsupported";
  publicAccessBlock: "enabled" | "unsupported";
}

export const TEMP_PREFIX = "temp/";
export const TEMP_EXPIRY_DAYS = 1;

function isNotImplemented(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === "NotImplemented" || err.$metadata.httpStatusCode === 501);
}

async function tryFeature(apply: () => Promise<unknown>): Promise<"enabled" | "unsupported"> {
  try {
    await apply();
    return "enabled";
  } catch (err) {
    if (isNotImplemented(err)) return "unsupported";
    throw err;
  }
}

async function bucketExists(storage: Storage): Promise<boolean> {
  try {
    await storage.client.send(new HeadBucketCommand({ Bucket: storage.bucket }));
    return true;
  } catch (err) {
    if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return false;
    throw err;
  }
}

/**
 * Creates the bucket when missing and applies the settings the product relies on:
 * versioning, a 1-day expiry of temp/, and no public access. Safe to run at every start.
 */
export async function ensureBucket(storage: Storage): Promise<BucketSetup> {
  const { client, bucket } = storage;
  let created = false;
  if (!(await bucketExists(storage))) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      created = true;
    } catch (err) {
      // Another process may have created it between the check and the create.
      if (!(err instanceof S3ServiceException && err.name === "BucketAlreadyOwnedByYou")) throw err;
    }
  }
  const versioning = await tryFeature(() =>
    client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } })),
  );
  const tempLifecycle = await tryFeature(() =>
    client.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: {
          Rules: [
            {
              ID: "expire-temp-uploads",
              Status: "Enabled",
              Filter: { Prefix: TEMP_PREFIX },
              Expiration: { Days: TEMP_EXPIRY_DAYS },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
      }),
    ),
  );
  const publicAccessBlock = await tryFeature(() =>
    client.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    ),
  );
  return { created, versioning, tempLifecycle, publicAccessBlock };
}
