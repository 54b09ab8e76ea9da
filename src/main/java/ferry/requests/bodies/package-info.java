/**
 * Bodies: the request's and the target's answer's bytes, kept apart from the request rows in
 * fixed-size chunks ({@code body_chunk}), written in the transaction of their row and read chunk
 * by chunk, so that no lookup, claim or outcome loads them and no reader holds more than a chunk.
 */
package ferry.requests.bodies;
