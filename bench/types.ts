export type Report = (name: string, value: number, unit: string) => void;
export type Bench = (report: Report) => Promise<void>;
