import { S3ServiceException } from "@aws-sdk/client-s3";
import { DrizzleQueryError } from "drizzle-orm";
import { MongoNetworkError } from "mongodb";
import { describe, expect, it } from "vitest";
import { DependencyUnavailable, dependencyDown } from "../../shared/dependency-down.js";

/** Which failures mean a store is down (503, try again) and which are ours (500). */
describe("dependencyDown", () => {
  const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

  it("names the store of a failure that means it is down", () => {
    expect(dependencyDown(new DrizzleQueryError("select 1", [], pgError("ECONNREFUSED")))?.dependency).toBe("postgresql");
    expect(dependencyDown(new DrizzleQueryError("select 1", [], pgError("57P01", "terminating connection")))?.dependency).toBe(
      "postgresql",
    );
    expect(dependencyDown(new Error("Connection terminated unexpectedly"))?.dependency).toBe("postgresql");
    expect(dependencyDown(new MongoNetworkError("connection closed"))?.dependency).toBe("mongodb");
    const slowDown = new S3ServiceException({ name: "ServiceUnavailable", $fault: "server", $metadata: { httpStatusCode: 503 } });
    expect(dependencyDown(slowDown)?.dependency).toBe("s3");
    const down = dependencyDown(new Error("wrapped", { cause: pgError("ECONNRESET") }));
    expect(down).toBeInstanceOf(DependencyUnavailable);
    expect(down?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("leaves every other failure an internal error", () => {
    expect(dependencyDown(new Error("a bug of ours"))).toBeUndefined();
    expect(dependencyDown(new DrizzleQueryError("insert", [], pgError("23505", "duplicate key")))).toBeUndefined();
    expect(dependencyDown(new TypeError("cannot read properties of undefined"))).toBeUndefined();
  });
});
