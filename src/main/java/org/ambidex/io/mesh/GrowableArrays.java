package org.ambidex.io.mesh;

import java.util.Arrays;

/** Append-only primitive arrays for the readers (no boxing). */
final class GrowableArrays {

    private GrowableArrays() {
    }

    static final class Doubles {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        double get(int i) {
            return a[i];
        }

        double[] toArray(int from, int to) {
            return Arrays.copyOfRange(a, from, to);
        }
    }

    static final class Ints {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int get(int i) {
            return a[i];
        }

        int[] toArray(int from, int to) {
            return Arrays.copyOfRange(a, from, to);
        }
    }
}
