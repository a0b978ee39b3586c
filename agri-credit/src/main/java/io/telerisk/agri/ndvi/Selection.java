package io.telerisk.agri.ndvi;

/** Median by selection (Hoare's quickselect), O(n) on average instead of sorting. */
final class Selection {
    private Selection() {
    }

    /**
     * Median of the first {@code n} values (mean of the two middle ones when {@code n} is even, as numpy);
     * reorders them.
     */
    static double median(float[] v, int n) {
        if (n == 0) throw new IllegalArgumentException("no values");
        int k = n / 2;
        float upper = select(v, 0, n - 1, k);
        if (n % 2 == 1) return upper;
        float lower = v[0]; // after select, v[0..k-1] are all <= v[k]: the lower middle is their maximum
        for (int i = 1; i < k; i++) if (v[i] > lower) lower = v[i];
        return ((double) lower + upper) / 2;
    }

    private static float select(float[] a, int lo, int hi, int k) {
        while (hi > lo) {
            if (hi - lo < 16) {
                for (int i = lo + 1; i <= hi; i++) {
                    float x = a[i];
                    int j = i - 1;
                    while (j >= lo && a[j] > x) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return a[k];
            }
            int mid = (lo + hi) >>> 1; // median of three as pivot: robust on sorted or constant runs
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            float pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
