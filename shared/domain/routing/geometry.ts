/**
 * Point in polygon by ray casting, on [longitude, latitude] pairs as GeoJSON orders them. Police
 * station areas are small enough that treating degrees as a plane changes nothing.
 */
export function pointInPolygon(
  longitude: number,
  latitude: number,
  polygon: readonly [number, number][],
): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    const crosses =
      yi > latitude !== yj > latitude && longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}
