// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { adoptTokenFromLocation, loadToken, saveToken, takeTokenFromHash } from "./token";

describe("takeTokenFromHash", () => {
  it.each([
    ["", null, ""],
    ["#", null, ""],
    ["#token=abc", "abc", ""],
    ["#token=abc&x=1", "abc", "#x=1"],
    ["#x=1&token=abc", "abc", "#x=1"],
    ["#section", null, "#section"],
    ["#token=", null, ""],
    ["#token=a%2Bb", "a+b", ""],
  ])("%s", (hash, token, rest) => {
    expect(takeTokenFromHash(hash)).toEqual({ token, rest });
  });
});

describe("token storage", () => {
  it("saves, loads and clears", () => {
    expect(loadToken()).toBeNull();
    saveToken("t1");
    expect(loadToken()).toBe("t1");
    saveToken(null);
    expect(loadToken()).toBeNull();
  });

  it("adopts a token from the URL and strips it", () => {
    window.history.replaceState(null, "", "/people?q=an#token=secret");
    expect(adoptTokenFromLocation()).toBe("secret");
    expect(loadToken()).toBe("secret");
    expect(window.location.hash).toBe("");
    expect(window.location.pathname + window.location.search).toBe("/people?q=an");
  });

  it("leaves the URL alone without a token", () => {
    window.history.replaceState(null, "", "/people#top");
    expect(adoptTokenFromLocation()).toBeNull();
    expect(window.location.hash).toBe("#top");
  });
});
