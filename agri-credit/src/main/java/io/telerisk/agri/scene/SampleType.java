package io.telerisk.agri.scene;

/** Unsigned integer sample types used by Sentinel-2 products: reflectance bands (UInt16) and SCL (UInt8). */
public enum SampleType {
    UINT8(8), UINT16(16);

    private final int bits;

    SampleType(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public int bytes() {
        return bits / 8;
    }
}
