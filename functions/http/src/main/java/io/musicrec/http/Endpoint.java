package io.musicrec.http;

/** One route's work: read the call, make one call into the domain, map the outcome to a response. */
@FunctionalInterface
public interface Endpoint {

    /**
     * @throws RejectedRequest for a client error, which becomes its 4xx response
     */
    HttpResponse handle(Call call);
}
