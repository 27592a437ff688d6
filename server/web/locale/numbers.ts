import { currentLocale } from "./current.js";

/** A provider cost as the viewer's language writes dollars: "$0.040", "0,040 $". Tenths of a cent, as costs are that small. */
export function usd(amount: number, digits = 3): string {
  return new Intl.NumberFormat(currentLocale(), {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

/** A count or amount in the viewer's language: "10,000", "10.000", "10 000". */
export function count(n: number, digits = 0): string {
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}
