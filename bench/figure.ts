/** One measured figure beside the baseline measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
}

/** A figure with the bench part that measured it, as printed and saved. */
export interface PartFigure extends Figure {
  part: "api" | "queue" | "upload" | "chat" | "gallery" | "operations" | "search" | "video";
}
