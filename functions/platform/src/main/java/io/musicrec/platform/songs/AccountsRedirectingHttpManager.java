package io.musicrec.platform.songs;

import java.io.IOException;
import java.net.URI;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ParseException;
import se.michaelthelin.spotify.IHttpManager;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;

/**
 * Sends spotify-web-api-java's requests for the accounts service to another base URL.
 *
 * <p>Needed because 9.4.0's {@code ClientCredentialsRequest.Builder.build()} hard-codes {@code
 * https://accounts.spotify.com:443}, ignoring the scheme, host and port given to the builder, so
 * {@code SPOTIFY_ACCOUNTS_URL} could not be honoured otherwise. Requests to any other host (the Web
 * API, pointed elsewhere through {@code SpotifyApi.builder().setScheme/setHost/setPort}) pass
 * through unchanged.
 */
final class AccountsRedirectingHttpManager implements IHttpManager {

    private final IHttpManager delegate;
    private final URI accountsBase;

    /**
     * @param delegate     the manager that sends the requests
     * @param accountsBase e.g. {@code http://127.0.0.1:PORT}; its path, if any, is replaced
     */
    AccountsRedirectingHttpManager(IHttpManager delegate, URI accountsBase) {
        this.delegate = delegate;
        this.accountsBase = accountsBase;
    }

    private URI route(URI uri) {
        if (!SpotifyApi.DEFAULT_AUTHENTICATION_HOST.equalsIgnoreCase(uri.getHost())) {
            return uri;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(accountsBase.getScheme() + "://" + accountsBase.getRawAuthority() + uri.getRawPath() + query);
    }

    @Override
    public String get(URI uri, Header[] headers) throws IOException, SpotifyWebApiException, ParseException {
        return delegate.get(route(uri), headers);
    }

    @Override
    public String post(URI uri, Header[] headers, HttpEntity body)
            throws IOException, SpotifyWebApiException, ParseException {
        return delegate.post(route(uri), headers, body);
    }

    @Override
    public String put(URI uri, Header[] headers, HttpEntity body)
            throws IOException, SpotifyWebApiException, ParseException {
        return delegate.put(route(uri), headers, body);
    }

    @Override
    public String delete(URI uri, Header[] headers, HttpEntity body)
            throws IOException, SpotifyWebApiException, ParseException {
        return delegate.delete(route(uri), headers, body);
    }
}
