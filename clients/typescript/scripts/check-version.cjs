// The package's version is the API document's info.version: fail the build when they differ.
const fs = require("fs");
const path = require("path");

const documentPath = path.join(__dirname, "..", "..", "..", "contracts", "openapi", "mentoring-api.json");
const apiVersion = JSON.parse(fs.readFileSync(documentPath, "utf8")).info.version;
const packageVersion = require("../package.json").version;
if (apiVersion !== packageVersion) {
  console.error(`[ERROR] clients/typescript/package.json has version ${packageVersion}, the API document `
    + `contracts/openapi/mentoring-api.json has info.version ${apiVersion}: set "version" in package.json `
    + `(and package-lock.json) to ${apiVersion}.`);
  process.exit(1);
}
