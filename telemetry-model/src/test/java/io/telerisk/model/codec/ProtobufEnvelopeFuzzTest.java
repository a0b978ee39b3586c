package io.telerisk.model.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link ProtobufEnvelopeCodec} against {@link EnvelopeFuzzContract}. Regression inputs (run by every build):
 * src/test/resources/io/telerisk/model/codec/ProtobufEnvelopeFuzzTestInputs/decode/.
 */
class ProtobufEnvelopeFuzzTest {
    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void decode(byte[] payload) {
        EnvelopeFuzzContract.check(Codecs.protobuf(), payload);
    }
}
