/** Row-major 3x3 matrices: element (row r, column c) at index 3*r + c. */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

export function determinant(m: Mat3): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

export function transpose(m: Mat3): Mat3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

/** The inverse; the caller has checked that the determinant is not zero. */
export function inverse(m: Mat3): Mat3 {
  const det = determinant(m);
  return [
    (m[4] * m[8] - m[5] * m[7]) / det,
    (m[2] * m[7] - m[1] * m[8]) / det,
    (m[1] * m[5] - m[2] * m[4]) / det,
    (m[5] * m[6] - m[3] * m[8]) / det,
    (m[0] * m[8] - m[2] * m[6]) / det,
    (m[2] * m[3] - m[0] * m[5]) / det,
    (m[3] * m[7] - m[4] * m[6]) / det,
    (m[1] * m[6] - m[0] * m[7]) / det,
    (m[0] * m[4] - m[1] * m[3]) / det,
  ];
}

/**
 * The orthonormal matrix nearest to m (the orthogonal factor of its polar decomposition), by Newton's
 * iteration Q <- (Q + Q^-T) / 2. Unlike Gram-Schmidt it favours no axis, and it keeps the sign of the
 * determinant, so a left-handed grid stays left-handed. m must be non-singular.
 */
export function nearestOrthonormal(m: Mat3): Mat3 {
  let q = m;
  for (let step = 0; step < 100; step++) {
    const inverseTranspose = transpose(inverse(q));
    const next = q.map((value, n) => (value + inverseTranspose[n]!) / 2) as unknown as Mat3;
    const change = Math.max(...next.map((value, n) => Math.abs(value - q[n]!)));
    q = next;
    if (change < 1e-15) break;
  }
  return q;
}
