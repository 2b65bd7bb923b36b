/** A declaration key as the first part of a construct id: `routing` -> `Routing`. */
export const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
