import { describe, expect, it } from "vitest";
import { addTop, moveItem, rankingFrom, removeTop, sameOrder } from "./topSkills";

describe("moveItem", () => {
  it("moves an item up or down by one", () => {
    expect(moveItem(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
  });
  it("leaves the list as it is at its ends or for an unknown index, and never changes its input", () => {
    const list = ["a", "b", "c"];
    expect(moveItem(list, 0, -1)).toEqual(list);
    expect(moveItem(list, 2, 1)).toEqual(list);
    expect(moveItem(list, 5, -1)).toEqual(list);
    expect(list).toEqual(["a", "b", "c"]);
  });
});

describe("addTop and removeTop", () => {
  it("adds at the end, once, and five at most", () => {
    expect(addTop(["a"], "b")).toEqual(["a", "b"]);
    expect(addTop(["a", "b"], "a")).toEqual(["a", "b"]);
    expect(addTop(["a", "b", "c", "d", "e"], "f")).toEqual(["a", "b", "c", "d", "e"]);
  });
  it("removes", () => {
    expect(removeTop(["a", "b", "c"], "b")).toEqual(["a", "c"]);
  });
});

describe("rankingFrom", () => {
  it("orders the ranked skills by rank and ignores the others", () => {
    expect(
      rankingFrom([
        { id: "x", topRank: 2 },
        { id: "y", topRank: null },
        { id: "z", topRank: 1 },
      ]),
    ).toEqual(["z", "x"]);
  });
  it("compares rankings", () => {
    expect(sameOrder(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameOrder(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameOrder(["a"], ["a", "b"])).toBe(false);
  });
});
