package io.telerisk.model.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link JsonEnvelopeCodec} against {@link EnvelopeFuzzContract}. Regression inputs (run by every build):
 * src/test/resources/io/telerisk/model/codec/JsonEnvelopeFuzzTestInputs/decode/.
 */
class JsonEnvelopeFuzzTest {
    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void decode(byte[] payload) {
        EnvelopeFuzzContract.check(Codecs.json(), payload);
    }
}
