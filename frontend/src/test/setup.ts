import { afterEach, expect } from "vitest";
import * as matchers from "@testing-library/jest-dom/matchers";
import { configure } from "@testing-library/dom";

expect.extend(matchers);
// findBy*/waitFor wait up to 5 s (default 1 s): the suite shares two cores with builds.
configure({ asyncUtilTimeout: 5_000 });

// Files that need a DOM say so with a `@vitest-environment jsdom` docblock;
// the rest run in plain Node, which starts much faster.
afterEach(async () => {
  if (typeof document === "undefined") return;
  const { cleanup } = await import("@testing-library/react");
  cleanup();
  localStorage.clear();
});
